import { code, fakeSecrets, markdown, notebook, privateKeyBlock, stream } from './builders.js';

/** A notebook with a credential in every place one can hide (secrets.test.ts, secrets.e2e.test.ts). */
export const S = fakeSecrets();
export const KEY_BLOCK = privateKeyBlock(S.privateKeyBody);

// Cell numbers: 1-based among all cells.
export const NB = notebook([
  markdown(`# Setup\nAsk Bob for access. My GitHub token is ${S.github}\npassword: ${S.password}`),
  code(`AWS_ACCESS_KEY_ID = "${S.awsKeyId}"\nAWS_SECRET_ACCESS_KEY = "${S.awsSecret}"`, 1),
  code(`from huggingface_hub import login\nlogin(token="${S.huggingface}")`, 2),
  code(
    `import os\nconfig = {"api_key": "${S.apiKey}", "db_password": "${S.dbPassword}"}\nos.environ["OPENAI_API_KEY"] = "${S.openai}"`,
    3,
  ),
  code(`PRIVATE_KEY = """${KEY_BLOCK}"""`, 4),
  code(
    `def connect(db):\n    password = "${S.dbPassword}"\n    return db.connect(user="me", password=password)`,
    5,
  ),
  code(
    `%env HF_TOKEN=${S.huggingface}\n!curl -H "Authorization: token ${S.github}" https://api.github.com\n!export API_KEY=${S.envToken}`,
    6,
  ),
  code(`print(os.environ)  # ${S.openai}`, 7, [stream(`environ({'AWS_ACCESS_KEY_ID': '${S.awsKeyId}'})`)]),
  code(
    'import joblib\nfrom sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()\njoblib.dump(model, "model.joblib")',
    8,
  ),
]);
