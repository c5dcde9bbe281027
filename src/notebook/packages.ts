/**
 * Import names to pip package names. Only the names that differ, or that are worth pinning down,
 * are listed; any other third-party import is assumed to install under its own name.
 */
export const PIP_NAMES: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  cv2: 'opencv-python',
  PIL: 'Pillow',
  yaml: 'PyYAML',
  bs4: 'beautifulsoup4',
  skimage: 'scikit-image',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  googleapiclient: 'google-api-python-client',
  huggingface_hub: 'huggingface-hub',
  sentence_transformers: 'sentence-transformers',
  pytorch_lightning: 'pytorch-lightning',
  tensorflow_hub: 'tensorflow-hub',
  tensorflow_datasets: 'tensorflow-datasets',
  tensorflow_text: 'tensorflow-text',
  tf_keras: 'tf-keras',
  mpl_toolkits: 'matplotlib',
  IPython: 'ipython',
  imblearn: 'imbalanced-learn',
  umap: 'umap-learn',
  absl: 'absl-py',
  haiku: 'dm-haiku',
  faiss: 'faiss-cpu',
  zmq: 'pyzmq',
  Crypto: 'pycryptodome',
  jwt: 'PyJWT',
  attr: 'attrs',
  serial: 'pyserial',
  usb: 'pyusb',
  magic: 'python-magic',
  docx: 'python-docx',
  pptx: 'python-pptx',
  fitz: 'PyMuPDF',
  Levenshtein: 'python-Levenshtein',
  OpenSSL: 'pyOpenSSL',
  MySQLdb: 'mysqlclient',
  sqlalchemy: 'SQLAlchemy',
  git: 'GitPython',
  github: 'PyGithub',
  slugify: 'python-slugify',
  multipart: 'python-multipart',
  jose: 'python-jose',
  markdown: 'Markdown',
  win32api: 'pywin32',
  win32com: 'pywin32',
  lightning: 'lightning',
  sentencepiece: 'sentencepiece',
  google_auth_oauthlib: 'google-auth-oauthlib',
  pkg_resources: 'setuptools',
  setuptools: 'setuptools',
  jinja2: 'Jinja2',
  tflite_runtime: 'tflite-runtime',
  tensorflow_addons: 'tensorflow-addons',
  keras_nlp: 'keras-nlp',
  keras_cv: 'keras-cv',
};

/** `google.cloud.X` and friends live in a namespace package: the pip name depends on the sub-module. */
export function pipNameFor(module: string): string | undefined {
  const parts = module.split('.');
  const root = parts[0] ?? module;
  if (root === 'google') {
    if (parts[1] === 'cloud' && parts[2]) return `google-cloud-${parts[2].replace(/_/g, '-')}`;
    if (parts[1] === 'protobuf') return 'protobuf';
    if (parts[1] === 'auth') return 'google-auth';
    if (parts[1] === 'colab') return undefined; // only exists inside Colab
    return 'google-api-core';
  }
  if (isStdlib(root)) return undefined;
  return PIP_NAMES[root] ?? root;
}

/** Python 3.11 `sys.stdlib_module_names` (public names), plus Python 2 names still seen in old notebooks. */
const STDLIB = new Set(
  (
    'abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo ' +
    'cPickle StringIO cStringIO urllib2 urlparse ConfigParser Queue HTMLParser httplib __future__ __main__ builtins'
  ).split(' '),
);

export function isStdlib(root: string): boolean {
  return STDLIB.has(root) || root.startsWith('_');
}

/**
 * Common packages whose pip name is their import name. An import that is neither here nor in
 * PIP_NAMES is assumed to install under its own name, which is only a guess (it may be a local
 * module, or a package with another pip name): requirements mark it so.
 */
const SAME_NAME = new Set(
  (
    'numpy pandas scipy matplotlib seaborn plotly bokeh altair torch torchvision torchaudio torchtext torchmetrics ' +
    'tensorflow keras tf_keras jax jaxlib flax optax xgboost lightgbm catboost transformers datasets tokenizers ' +
    'accelerate evaluate peft trl diffusers timm fastai onnx onnxruntime skl2onnx tf2onnx onnxmltools openvino ' +
    'joblib dill cloudpickle tqdm requests httpx boto3 botocore sagemaker s3fs gcsfs fsspec pyarrow polars dask ' +
    'statsmodels prophet nltk spacy gensim shap lime optuna mlflow wandb tensorboard tensorboardX h5py tables ' +
    'openpyxl xlrd sqlalchemy psycopg2 pymysql pymongo redis kafka networkx sympy numba cython einops safetensors ' +
    'bitsandbytes sentencepiece openai anthropic langchain tiktoken gradio streamlit fastapi flask uvicorn pydantic ' +
    'albumentations imageio librosa soundfile pydub tabulate rich click typer hydra omegaconf mxnet paddle ' +
    'category_encoders mlxtend pmdarima sktime tsfresh darts gluonts hyperopt ray pyspark findspark kaggle gdown ' +
    'wget unidecode emoji regex ftfy nltk textblob torch_geometric dgl pytorch_lightning lightning ipywidgets ' +
    'google_auth_oauthlib huggingface_hub sentence_transformers tensorflow_hub tensorflow_datasets ' +
    'six packaging filelock psutil pytz lxml xmltodict toml tomli simplejson ujson orjson cachetools tenacity ' +
    's3transfer awswrangler pyathena tifffile rasterio geopandas shapely folium pinecone chromadb faiss_cpu ' +
    'jsonschema tensorflow_text tensorflow_addons keras_nlp keras_cv tflite_runtime pycocotools torchdata'
  ).split(' '),
);

export function isKnownPipName(module: string): boolean {
  const root = module.split('.')[0] ?? module;
  return root === 'google' || root in PIP_NAMES || SAME_NAME.has(root);
}
