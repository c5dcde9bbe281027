import type { Framework, GpuNeed } from '../core/answers.js';
import type { SecretHit } from './secrets.js';

/** How the notebook persists its model. */
export type SaveFormat =
  | 'joblib'
  | 'pickle'
  | 'torchscript'
  | 'torch-pickle'
  | 'torch-state-dict'
  /** `torch.save({'model_state_dict': model.state_dict(), 'epoch': ...})`: a dict, not a module. */
  | 'torch-checkpoint'
  | 'tensorflow-savedmodel'
  | 'keras'
  | 'keras-h5'
  | 'keras-weights'
  | 'huggingface'
  | 'onnx'
  | 'xgboost';

export interface ModelSave {
  format: SaveFormat;
  /** The path as a literal when it can be worked out (literal, simple variable, os.path.join). */
  path: string | undefined;
  /** The call as written (redacted), e.g. `joblib.dump(pipeline, './model.joblib')`. */
  evidence: string;
  /** 1-based cell number among all cells. */
  cell: number;
  line: number;
  /** The saved object's expression, e.g. `model` or `model.state_dict()`. */
  object: string;
  /** state_dict and checkpoint saves: the variable holding the module (`model` in `model.state_dict()`). */
  modelVar?: string;
  /** Checkpoint dict saves: the key that holds the model's state_dict. */
  stateDictKey?: string;
}

export interface Evidence<T> {
  value: T;
  /** 1-based cell number among all cells; null when the evidence is notebook metadata. */
  cell: number | null;
  evidence: string;
}

export interface ImportUse {
  /** Dotted module as imported (`sklearn.ensemble`), `''` for relative imports. */
  module: string;
  cell: number;
  line: number;
  text: string;
}

export interface Dependency {
  /** pip package name. */
  package: string;
  /** Import root that needs it, or undefined when it comes from a `!pip install` line only. */
  module: string | undefined;
  cell: number;
  via: 'import' | 'pip-install';
  /** The pip name is a guess: the import's own name, not confirmed by a pip line or a known mapping. */
  guessed: boolean;
  /** A pip version specifier (`==2.1.0`, `>=1.3`) when the notebook pins or shows one. */
  version?: string;
  /** Where the version came from: a pip install line, pip's own output, a `__version__` print, the kernel name. */
  versionFrom?: 'pip-install' | 'pip-output' | 'version-output' | 'kernel';
  /** Cell of that evidence; null for notebook metadata. */
  versionCell?: number | null;
}

/** A file, folder or URL the notebook uses (see paths.ts). */
export interface PathUse {
  path: string;
  kind: 'local' | 'url';
  /** What the code does with it: read, write, or only names it. */
  role: 'read' | 'write' | 'mentioned';
  /** 1-based cell among all cells, and line, where the path is written. */
  cell: number;
  line: number;
  /** The call that uses it, e.g. `pd.read_csv`. */
  call?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingKind =
  | 'credential'
  | 'execution-order'
  | 'missing-execution-count'
  | 'used-before-defined'
  | 'local-path'
  | 'network-data'
  | 'train-and-predict'
  | 'magic'
  | 'shell-escape'
  | 'pip-argument'
  | 'large-output';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** 1-based cell number among ALL cells (markdown included), as the notebook shows them top to bottom. */
  cell: number;
  /** 1-based line inside the cell, when one line is to blame. */
  line?: number;
  message: string;
}

/** One notebook cell after redaction: the only form of the source the analysis keeps. */
export interface AnalyzedCell {
  index: number;
  type: 'code' | 'markdown' | 'raw';
  /** Source with every credential redacted (see secrets.ts). */
  source: string;
  executionCount: number | null;
  outputBytes: number;
  /** Lines (1-based) that held a credential. */
  secrets: SecretHit[];
}

export interface NotebookAnalysis {
  fileName: string;
  nbformat: string;
  kernel: { language: string; name: string | undefined };
  cells: AnalyzedCell[];
  imports: ImportUse[];
  /** Every framework seen, in the order first seen. */
  frameworks: Evidence<Framework>[];
  /** The framework the model is built with (undefined when no ML library is imported). */
  framework: Evidence<Framework> | undefined;
  gpu: Evidence<GpuNeed>;
  /** Every GPU hint, for reports. */
  gpuSignals: Evidence<string>[];
  saves: ModelSave[];
  /** The save a server should load (most complete format; the last one on ties). */
  primarySave: ModelSave | undefined;
  modelSizeMb: Evidence<number> | undefined;
  dependencies: Dependency[];
  /** Files, folders and URLs the code reads, writes or names, in cell order. */
  paths: PathUse[];
  findings: Finding[];
  /** `metadata.language_info.version`: the Python the notebook last ran with. */
  pythonVersion: string | undefined;
}
