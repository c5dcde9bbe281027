import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.MLDA_TRACE_FILE) appendFileSync(process.env.MLDA_TRACE_FILE, `${result.url}\n`);
  return result;
}
