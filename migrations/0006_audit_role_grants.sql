-- Where the deployment connects as a dedicated application role (duka_app),
-- take UPDATE, DELETE and TRUNCATE on the audit log away from it as well.
-- The trigger in 0001 already refuses them for every role, owners included.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'duka_app') then
        revoke update, delete, truncate on audit_logs from duka_app;
    end if;
end
$$;
