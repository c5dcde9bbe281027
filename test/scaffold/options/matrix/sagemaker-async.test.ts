import { matrixFor } from '../matrix.js';

matrixFor('sagemaker-async');
