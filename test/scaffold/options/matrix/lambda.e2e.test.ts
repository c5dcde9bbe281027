import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('lambda');
