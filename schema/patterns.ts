// Patterns the loader needs without loading the schema builder (TypeBox), which `rbc check`
// does not need: validation runs the standalone validator emitted at build time.

/** A construct id: lower-case letters, digits and inner hyphens, at most 48 characters. */
export const ID_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$';
