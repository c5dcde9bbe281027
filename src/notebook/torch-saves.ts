import type { CodeView } from './cells.js';
import { findCalls, type Call, type Token } from './python.js';
import type { SaveFormat } from './types.js';

/**
 * What `torch.save(obj, path)` writes depends on `obj`, which is often a name bound elsewhere:
 *
 * - `model.state_dict()` (or a name bound to it): a state_dict, the weights only;
 * - a dict holding `model.state_dict()` under some key (`{'epoch': e, 'model_state_dict': ...}`),
 *   directly, through a name, or through a helper's parameter (`save_checkpoint({...}, path)`):
 *   a checkpoint dict, whose loader must pick that key;
 * - the result of `torch.jit.script/trace`: TorchScript;
 * - anything else: the whole pickled module.
 */
export interface TorchSaveKind {
  format: Extract<SaveFormat, 'torch-pickle' | 'torch-state-dict' | 'torch-checkpoint' | 'torchscript'>;
  /** The variable whose state_dict is saved (`model` in `model.state_dict()`), when known. */
  modelVar?: string;
  /** For a checkpoint dict: the key that holds the model's state_dict. */
  stateDictKey?: string;
}

export function torchSaveKind(
  views: CodeView[],
  view: CodeView,
  call: Call,
  jitVars: Set<string>,
): TorchSaveKind {
  const first = call.args[0];
  if (!first || first.keyword) return { format: 'torch-pickle' };
  const expr = resolve(views, view, call.line, first.tokens, 0);
  return classify(expr, jitVars);
}

function classify(tokens: Token[], jitVars: Set<string>): TorchSaveKind {
  const text = tokens.map((t) => t.text).join('');
  const stateOf = (s: string) => /^([A-Za-z_]\w*)(?:\.module)?\.state_dict\(\)$/.exec(s)?.[1];
  const direct = stateOf(text);
  if (direct) return { format: 'torch-state-dict', modelVar: direct };
  if (/^torch\.jit\.(?:script|trace)\(/.test(text) || (tokens.length === 1 && jitVars.has(text)))
    return { format: 'torchscript' };
  const entries = dictEntries(tokens);
  if (entries) {
    // The entry holding a state_dict: prefer a key that names the model.
    const states = entries
      .map(([key, value]) => ({ key, modelVar: stateOf(value.map((t) => t.text).join('')) }))
      .filter((e): e is { key: string; modelVar: string } => e.modelVar !== undefined);
    const best =
      states.find(
        (s) => /model|net|state_dict$|^state$|weights/i.test(s.key) && !/optim|sched/i.test(s.key),
      ) ??
      states.find((s) => !/optim|sched/i.test(s.key)) ??
      states[0];
    return best
      ? { format: 'torch-checkpoint', modelVar: best.modelVar, stateDictKey: best.key }
      : { format: 'torch-checkpoint' };
  }
  return { format: 'torch-pickle' };
}

/** `{'a': x, "b": y}` or `dict(a=x, b=y)` as [key, value tokens] pairs; undefined for anything else. */
function dictEntries(tokens: Token[]): [string, Token[]][] | undefined {
  const [first] = tokens;
  const last = tokens[tokens.length - 1];
  if (first?.text === '{' && last?.text === '}') {
    const out: [string, Token[]][] = [];
    for (const part of splitTop(tokens.slice(1, -1), first.depth + 1)) {
      const colon = part.findIndex((t) => t.text === ':' && t.depth === first.depth + 1);
      const key = part[0];
      if (colon === 1 && key?.type === 'string' && key.value !== undefined)
        out.push([key.value, part.slice(colon + 1)]);
    }
    return out;
  }
  if (first?.text === 'dict' && tokens[1]?.text === '(' && last?.text === ')') {
    const call = findCalls(tokens).find((c) => c.at === 0);
    return call?.args.filter((a) => a.keyword).map((a) => [a.keyword!, a.tokens]);
  }
  return undefined;
}

function splitTop(tokens: Token[], depth: number): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'op' && t.text === ',' && t.depth === depth) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/**
 * Follows a bare name to what it was bound to: the last `name = expr` before the save (this cell or
 * an earlier one), or, inside a function, the argument passed for that parameter by a call of it.
 */
function resolve(views: CodeView[], view: CodeView, line: number, tokens: Token[], hops: number): Token[] {
  if (hops > 3 || tokens.length !== 1 || tokens[0]!.type !== 'name') return tokens;
  const name = tokens[0]!.text;
  const param = enclosingParameter(view, line, name);
  if (param) {
    for (const v of views) {
      for (const c of v.calls) {
        // The `def` line itself reads like a call of the function: skip it.
        if (c.callee !== param.function || v.tokens[c.at - 1]?.text === 'def') continue;
        const arg = c.args.find((a) => a.keyword === name) ?? c.args.filter((a) => !a.keyword)[param.index];
        if (arg) return resolve(views, v, c.line, arg.tokens, hops + 1);
      }
    }
    return tokens;
  }
  let found: { view: CodeView; line: number; tokens: Token[] } | undefined;
  for (const v of views) {
    if (v.cell > view.cell) break;
    for (const l of v.logical) {
      if (v.cell === view.cell && l.firstLine > line) break;
      const [a, b] = l.tokens;
      if (a?.type === 'name' && a.text === name && b?.text === '=' && l.tokens.length > 2)
        found = { view: v, line: l.firstLine, tokens: l.tokens.slice(2) };
    }
  }
  return found ? resolve(views, found.view, found.line, found.tokens, hops + 1) : tokens;
}

/** When `line` is inside `def f(a, name, ...)` of this cell: f and the parameter's position. */
function enclosingParameter(
  view: CodeView,
  line: number,
  name: string,
): { function: string; index: number } | undefined {
  const at = view.logical.findIndex((l) => l.firstLine <= line && line <= l.lastLine);
  if (at === -1) return undefined;
  let indent = view.logical[at]!.indent;
  for (let k = at - 1; k >= 0; k -= 1) {
    const l = view.logical[k]!;
    if (l.indent >= indent) continue;
    indent = l.indent;
    if (l.tokens[0]?.text !== 'def') continue;
    const fname = l.tokens[1]?.text;
    const open = l.tokens.findIndex((t) => t.text === '(');
    const params = splitTop(
      l.tokens.slice(open + 1).filter((t) => t.depth > l.tokens[open]!.depth),
      l.tokens[open]!.depth + 1,
    ).map((p) => p[0]?.text);
    const index = params.filter((p) => p !== 'self').indexOf(name);
    if (fname && index !== -1) return { function: fname, index };
    return undefined;
  }
  return undefined;
}
