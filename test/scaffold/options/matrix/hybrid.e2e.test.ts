import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('hybrid');
