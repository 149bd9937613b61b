/**
 * Limits the server enforces and clients must respect, in a module of their own with no imports,
 * so the tab can take them without the schemas (and zod) that enforce them.
 */

/** The most ops one `POST /api/meetings/:id/ops` may carry (413 `too_many_ops` above it). */
export const MAX_OPS_PER_BATCH = 500;
