import type {
  CreateEndpointConfigInput,
  CreateEndpointConfigOutput,
  CreateEndpointInput,
  CreateEndpointOutput,
  CreateInferenceComponentInput,
  CreateInferenceComponentOutput,
  CreateModelInput,
  CreateModelOutput,
  CreateTransformJobCommandInput,
  CreateTransformJobCommandOutput,
  DescribeEndpointInput,
  DescribeEndpointOutput,
  DescribeInferenceComponentInput,
  DescribeInferenceComponentOutput,
  DescribeTransformJobCommandInput,
  DescribeTransformJobCommandOutput,
  UpdateEndpointInput,
  UpdateEndpointOutput,
  UpdateInferenceComponentInput,
  UpdateInferenceComponentOutput,
} from '@aws-sdk/client-sagemaker';

/**
 * The few SageMaker operations a deploy uses, by name. The runner talks to this interface, the
 * SDK-backed implementation (sdk.ts) is loaded only when a real deploy runs, and the dry run
 * prints the same operation names and inputs.
 */
export interface SageMakerOperations {
  CreateModel: [CreateModelInput, CreateModelOutput];
  CreateEndpointConfig: [CreateEndpointConfigInput, CreateEndpointConfigOutput];
  CreateEndpoint: [CreateEndpointInput, CreateEndpointOutput];
  UpdateEndpoint: [UpdateEndpointInput, UpdateEndpointOutput];
  DescribeEndpoint: [DescribeEndpointInput, DescribeEndpointOutput];
  CreateInferenceComponent: [CreateInferenceComponentInput, CreateInferenceComponentOutput];
  UpdateInferenceComponent: [UpdateInferenceComponentInput, UpdateInferenceComponentOutput];
  DescribeInferenceComponent: [DescribeInferenceComponentInput, DescribeInferenceComponentOutput];
  CreateTransformJob: [CreateTransformJobCommandInput, CreateTransformJobCommandOutput];
  DescribeTransformJob: [DescribeTransformJobCommandInput, DescribeTransformJobCommandOutput];
}

export type Operation = keyof SageMakerOperations;

export interface SageMakerApi {
  call<Op extends Operation>(
    operation: Op,
    input: SageMakerOperations[Op][0],
    signal?: AbortSignal,
  ): Promise<SageMakerOperations[Op][1]>;
  /** Frees sockets. */
  close(): void;
}

/** One planned or made call, as the dry run prints it. */
export interface ApiCall {
  operation: Operation;
  input: unknown;
}
