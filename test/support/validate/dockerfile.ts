/**
 * Dockerfile rules the scaffold promises: every base image pinned (a digest, or a tag with an exact
 * version, never `latest` or a bare name) and the final stage runs as a non-root USER.
 */
export function validateDockerfile(content: string): string[] {
  const problems: string[] = [];
  const lines = joinContinuations(content);
  const stages = new Set<string>();
  const args = new Map<string, string>();
  let lastUser: string | undefined;
  let inFinalStageFromLine = -1;
  lines.forEach(({ text, line }) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(text);
    if (!m || text.trim().startsWith('#')) return;
    const instr = m[1]!.toUpperCase();
    const rest = m[2]!.trim();
    if (instr === 'ARG') {
      const [name, value] = rest.split('=', 2);
      if (name && value !== undefined) args.set(name.trim(), value.trim().replace(/^"|"$/g, ''));
    } else if (instr === 'FROM') {
      const parts = rest.split(/\s+/).filter((p) => !p.startsWith('--'));
      const image = (parts[0] ?? '').replace(/\$\{?(\w+)\}?/g, (_, n: string) => args.get(n) ?? `$${n}`);
      const alias = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined;
      if (!stages.has(image)) {
        const why = unpinnedReason(image);
        if (why) problems.push(`line ${line}: base image "${image}" ${why}`);
      }
      if (alias) stages.add(alias);
      lastUser = undefined;
      inFinalStageFromLine = line;
    } else if (instr === 'USER') {
      lastUser = rest;
    }
  });
  if (inFinalStageFromLine < 0) problems.push('no FROM instruction');
  else if (lastUser === undefined) problems.push('final stage has no USER: the container would run as root');
  else if (/^(root|0)(:|$)/.test(lastUser)) problems.push(`final stage runs as root (USER ${lastUser})`);
  return problems;
}

export function unpinnedReason(image: string): string | undefined {
  if (image.includes('$')) return 'uses an unresolved build argument';
  if (image === 'scratch') return undefined;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop()! : undefined;
  if (tag === undefined) return 'has no tag or digest (implicitly latest)';
  if (/^latest$/i.test(tag)) return 'is tagged latest';
  // An exact version: major.minor.patch at least, e.g. 3.11.10-slim-bookworm, 2.16.1-gpu, 3.11.2024.11.22.15.
  if (!/^v?\d+\.\d+\.\d+/.test(tag)) return `tag "${tag}" is not an exact version (want x.y.z or a digest)`;
  return undefined;
}

function joinContinuations(content: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let buf = '';
  let start = 0;
  content.split('\n').forEach((raw, i) => {
    if (buf === '') start = i + 1;
    if (raw.endsWith('\\')) buf += raw.slice(0, -1) + ' ';
    else {
      out.push({ text: buf + raw, line: start });
      buf = '';
    }
  });
  if (buf) out.push({ text: buf, line: start });
  return out;
}
