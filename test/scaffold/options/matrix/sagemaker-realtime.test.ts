import { matrixFor } from '../matrix.js';

matrixFor('sagemaker-realtime');
