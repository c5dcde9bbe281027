import type { CodeView } from './cells.js';
import { findCalls, type Call, type CallArg, type Token } from './python.js';
import type { PathUse } from './types.js';

/**
 * Files, folders and URLs the notebook uses, found by what the code does with them: an argument of
 * a call that reads (open, read_csv, np.load, torch.load, load_dataset, urlretrieve...) or writes
 * (to_csv, save, dump, savefig, save_pretrained...), directly, through `NAME = "..."`, or inside
 * `os.path.join(...)` / `Path(...)`; and string literals that look like a file or a folder (an
 * absolute path, `./`, `../`, `~/`, a drive letter, or a folder and a file extension). URLs are kept
 * apart: data read from the network at run time. Shell escapes count too (`wget`, `curl`, `gsutil cp`).
 */
export function detectPaths(views: CodeView[]): PathUse[] {
  const literals = nameLiterals(views);
  const out: PathUse[] = [];
  const add = (use: PathUse) => {
    const same = out.find((u) => u.cell === use.cell && u.line === use.line && u.path === use.path);
    if (!same) out.push(use);
    else if (same.role === 'mentioned') Object.assign(same, use);
  };
  for (const view of views) {
    const used = new Set<number>();
    for (const call of view.calls) {
      const role = roleOf(call);
      if (!role) continue;
      for (const arg of call.args) {
        if (arg.keyword && !PATH_KEYWORDS.test(arg.keyword)) continue;
        if (call.method === 'open' && arg !== call.args[0]) continue;
        for (const { value, token, via } of argLiterals(arg, literals, view.cell)) {
          if (!isPathLike(value) && !isUrl(value)) continue;
          used.add(token?.start ?? -1);
          add({
            path: value,
            kind: isUrl(value) ? 'url' : 'local',
            role: isUrl(value) ? 'read' : role,
            cell: via?.cell ?? view.cell,
            line: via?.line ?? token?.line ?? call.line,
            call: call.callee,
          });
        }
      }
    }
    // Literals that look like a path although no known call uses them here.
    for (const t of view.tokens) {
      if (t.type !== 'string' || t.value === undefined || used.has(t.start)) continue;
      if (!looksLikeLocalPath(t.value)) continue;
      add({ path: t.value, kind: 'local', role: 'mentioned', cell: view.cell, line: t.line });
    }
    for (const line of view.ipython) {
      for (const use of shellUrls(line.text))
        add({
          path: use.url,
          kind: 'url',
          role: 'read',
          cell: view.cell,
          line: line.line,
          call: use.command,
        });
      const local =
        /(?:^|[\s"'=(,])((?:\/home\/|\/Users\/|~\/|[A-Za-z]:\\|\/content\/drive\/|\/kaggle\/)[^\s"',)]*)/.exec(
          line.text,
        );
      if (local) add({ path: local[1]!, kind: 'local', role: 'mentioned', cell: view.cell, line: line.line });
    }
  }
  return out.sort((a, b) => a.cell - b.cell || a.line - b.line);
}

/**
 * URLs a shell line downloads from: wget, curl without a request body, gdown, git clone, and the
 * source (not the destination) of `gsutil cp` / `aws s3 cp`. Uploads and API calls are not data.
 */
function shellUrls(text: string): { url: string; command: string }[] {
  const flat = text.replace(/\\\n/g, ' ');
  const command = /^[!%]\s*(\S+)(?:\s+(\S+))?/.exec(flat.trim());
  const tool = command?.[1] ?? '';
  const urls = flat.match(/\b(?:https?|ftp|s3|gs):\/\/[^\s"'`)]+/g) ?? [];
  if (/^(?:wget|gdown|kaggle)$/.test(tool)) return urls.map((url) => ({ url, command: tool }));
  if (tool === 'git' && command?.[2] === 'clone') return urls.map((url) => ({ url, command: 'git clone' }));
  if (
    tool === 'curl' &&
    !/\s(?:-X\s*(?:POST|PUT|PATCH|DELETE)|-d|--data\S*|-F|--form|-T|--upload-file)\b/.test(flat)
  )
    return urls.map((url) => ({ url, command: tool }));
  if (/^(?:gsutil|aws|azcopy)$/.test(tool) && /\s(?:cp|sync|copy)\s/.test(flat)) {
    const words = flat
      .trim()
      .split(/\s+/)
      .filter((w) => !w.startsWith('-'));
    const last = words[words.length - 1];
    return urls.filter((url) => url !== last).map((url) => ({ url, command: `${tool} cp` }));
  }
  return [];
}

/** Keyword arguments that carry a path. */
const PATH_KEYWORDS =
  /^(?:f|file|fname|filename|filepath|file_path|path|path_or_buf|io|fp|root|data_dir|data_files|data_file|output_dir|save_directory|export_dir|output_path|pretrained_model_name_or_path|cache_dir|logdir|log_dir|dirpath|src|dst|url|origin|fpath)$/;

const READS =
  /^(?:open|read_\w+|load|loads?_\w+|loadtxt|genfromtxt|fromfile|imread|imread_collection|load_img|load_model|load_weights|load_dataset|load_from_disk|ImageFolder|DatasetFolder|urlopen|urlretrieve|get_file|listdir|glob|iglob|walk|scandir|exists|isfile|isdir|read_file|from_pretrained|from_file|get|download\w*|fetch\w*|Booster|read|text_dataset_from_directory|image_dataset_from_directory|CSVLoader|TextLoader)$/;
const WRITES =
  /^(?:ModelCheckpoint|CSVLogger|TensorBoard|BackupAndRestore|SummaryWriter|save|savez|savez_compressed|savetxt|to_\w+|dump|imwrite|imsave|savefig|save_model|save_weights|save_pretrained|export|makedirs|mkdir|save_to_disk|write_\w+|copy|copyfile|copytree|move|rmtree)$/;

function roleOf(call: Call): 'read' | 'write' | undefined {
  const m = call.method;
  if (
    m === 'open' &&
    (call.receiver === '' || /^(?:tarfile|zipfile|gzip|bz2|lzma|io|codecs)$/.test(call.receiver))
  ) {
    const mode = (call.args[1] ?? call.args.find((a) => a.keyword === 'mode'))?.tokens[0];
    return mode?.type === 'string' && /[wax]/.test(mode.value ?? '') ? 'write' : 'read';
  }
  if (m === 'get' && !/^(?:requests|httpx|session|s|client)$/i.test(call.receiver)) return undefined; // dict.get
  if (m === 'load' && /^(?:json|yaml|pickle)$/.test(call.receiver)) return undefined; // reads a file object
  // A download writes its local argument (the URL, if any, is still data read from the network).
  if (/^(?:download\w*|urlretrieve|get_file|hf_hub_download|snapshot_download)$/.test(m)) return 'write';
  if (READS.test(m)) return 'read';
  if (
    WRITES.test(m) &&
    !/^(?:df|data|frame)?\w*\.to_(?:numpy|list|dict|string|records|tensor|device|frame)$/.test(call.callee) &&
    !/^to_(?:numpy|list|dict|string|records|tensor|device|frame|datetime|numeric|timedelta|period|timestamp|categorical|dense|sparse|coo)$/.test(
      m,
    )
  )
    return 'write';
  return undefined;
}

interface Literal {
  value: string;
  token?: Token;
  /** Where the literal was written, when it came through a name. */
  via?: { cell: number; line: number };
}

/** String values an argument stands for: a literal, a name bound to one, os.path.join/Path of them. */
function argLiterals(arg: CallArg, literals: NameLiteral[], cell: number): Literal[] {
  const tokens = arg.tokens;
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (t.type === 'string' && t.value !== undefined) return [{ value: t.value, token: t }];
    if (t.type === 'name') {
      const bound = literals.filter((l) => l.name === t.text && l.cell <= cell).pop();
      if (bound) return [{ value: bound.value, via: { cell: bound.cell, line: bound.line } }];
    }
    return [];
  }
  // os.path.join("a", "b") / Path("a") / "b" / pathlib.Path("x")
  const inner = findCalls(tokens).find((c) => /(?:^|\.)(?:join|Path|PurePath)$/.test(c.callee));
  if (inner) {
    const parts = inner.args.map((a) => argLiterals(a, literals, cell)[0]);
    if (parts.length > 0 && parts.every((p) => p !== undefined)) {
      const first = inner.args[0]!.tokens[0];
      const value = parts.map((p) => p!.value).join('/');
      return [
        {
          value,
          ...(first?.type === 'string' ? { token: first } : parts[0]!.via ? { via: parts[0]!.via } : {}),
        },
      ];
    }
  }
  return [];
}

interface NameLiteral {
  cell: number;
  line: number;
  name: string;
  value: string;
}

/** `NAME = "literal"` at any depth, for paths passed as a variable. */
function nameLiterals(views: CodeView[]): NameLiteral[] {
  const out: NameLiteral[] = [];
  for (const view of views) {
    for (const line of view.logical) {
      const [a, b, c, d] = line.tokens;
      if (
        a?.type === 'name' &&
        b?.text === '=' &&
        c?.type === 'string' &&
        c.value !== undefined &&
        d === undefined
      )
        out.push({ cell: view.cell, line: c.line, name: a.text, value: c.value });
    }
  }
  return out;
}

export function isUrl(value: string): boolean {
  return /^(?:https?|ftp|s3|gs|az|abfss?|hdfs):\/\/\S+$/i.test(value);
}

const EXTENSION =
  /\.(?:csv|tsv|txt|json|jsonl|parquet|feather|xlsx?|pkl|pickle|joblib|npy|npz|h5|hdf5|keras|pt|pth|bin|ckpt|onnx|pb|tflite|safetensors|bst|ubj|model|zip|gz|tar|tgz|bz2|xz|png|jpe?g|gif|bmp|tiff?|wav|mp3|flac|mp4|avi|db|sqlite3?|yaml|yml|cfg|ini|xml|html?|arrow|avro|orc|mat|sav|dat|log|pdf|docx?|tfrecords?|index|data-\d+-of-\d+)$/i;

/** In a call that reads or writes: anything with a folder separator or a file extension. */
export function isPathLike(value: string): boolean {
  if (value.length < 2 || value.length > 400 || /[\n%{}*?<>|]/.test(value) || /^\s|\s$/.test(value))
    return false;
  if (isUrl(value) || /^[a-z][\w+.-]*:\/\//i.test(value)) return false;
  if (/^(?:\.{1,2}|~)(?:[\\/]|$)/.test(value)) return true;
  if (/^[\\/]/.test(value)) return /^[\\/][\w.@+~ -]/.test(value);
  if (/^[A-Za-z]:[\\/]/.test(value)) return true;
  return EXTENSION.test(value) || /^[\w.@+~ -]+(?:[\\/][\w.@+~ -]+)+[\\/]?$/.test(value);
}

/** Outside such a call, only what cannot be anything but a local path: absolute, ./, ../, ~/, a drive, or folder/file.ext. */
export function looksLikeLocalPath(value: string): boolean {
  if (!isPathLike(value)) return false;
  if (/^(?:\.{1,2}|~)[\\/]/.test(value) || /^[A-Za-z]:[\\/]/.test(value)) return true;
  // An absolute path needs two levels or a file extension: "/model" alone is more often a URL or key piece.
  if (/^\/(?:[\w.@+~-]+\/)*[\w.@+~-]+\/?$/.test(value))
    return (
      /^\/[\w.@+~-]{2,}/.test(value) &&
      !/^\/(?:api|v\d)\b/.test(value) &&
      (/^\/[^/]+\/[^/]+/.test(value) || EXTENSION.test(value))
    );
  return /[\\/]/.test(value) && EXTENSION.test(value);
}
