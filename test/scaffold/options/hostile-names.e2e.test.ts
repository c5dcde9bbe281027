import { requireTools } from '../../support/e2e-tools.js';
import { validateRepoWithTools } from '../../support/validate/index.js';
import { hostileNamesSuite } from './hostile-names.js';

requireTools('python', 'shellcheck', 'yamllint');
hostileNamesSuite(validateRepoWithTools);
