import { matrixFor } from '../matrix.js';

matrixFor('on-prem');
