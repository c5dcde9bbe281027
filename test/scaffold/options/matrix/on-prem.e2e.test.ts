import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('on-prem');
