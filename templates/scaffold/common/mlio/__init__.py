"""Small shared I/O helpers: S3 objects, the database URL, metrics and JSON logs.

Nothing here holds a secret: credentials come from the environment (the IAM role of the task,
function or pod; DATABASE_URL injected by the platform's secret store)."""
