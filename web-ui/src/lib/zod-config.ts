// Zod 4 probes `new Function` to decide whether to JIT its parsers; under the
// API's strict CSP that probe is reported as a violation. Parse without JIT.
import { z } from 'zod'

z.config({ jitless: true })
