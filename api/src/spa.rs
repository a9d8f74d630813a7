//! Serves the built SPA from `POS_WEB_DIR`: files as they are, and
//! `index.html` for client-side routes. Everything else is a 404 problem.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::{http::Method, web, HttpRequest, HttpResponse, Responder};

use crate::{error::ApiError, state::AppState};

fn safe_relative(path: &str) -> Option<PathBuf> {
    let rel = Path::new(path.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| rel.to_path_buf())
}

pub async fn serve(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let not_found =
        || actix_web::ResponseError::error_response(&ApiError::NotFound("no such route".into()));
    let Some(dir) = state.settings.web_dir.as_deref() else {
        return not_found();
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) || req.path().starts_with("/api") {
        return not_found();
    }
    let file = safe_relative(req.path())
        .map(|rel| dir.join(rel))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| dir.join("index.html"));
    match NamedFile::open_async(&file).await {
        Ok(f) => f.respond_to(&req).map_into_boxed_body(),
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parent_paths_are_refused() {
        assert!(super::safe_relative("/../etc/passwd").is_none());
        assert!(super::safe_relative("/assets/app.js").is_some());
    }
}
