/** Valid samples shared by the validator tests (fast and end-to-end). */

export const GOOD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: model
spec:
  replicas: 2
  selector:
    matchLabels: { app: model }
  template:
    metadata:
      labels: { app: model }
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: server
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1.0.0
          ports: [{ containerPort: 8080 }]
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
          resources:
            requests: { cpu: 500m, memory: 512Mi }
            limits: { cpu: "1", memory: 1Gi }
---
apiVersion: v1
kind: Service
metadata:
  name: model
spec:
  selector: { app: model }
  ports: [{ port: 80, targetPort: 8080 }]
`;

export const GOOD_CFN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    AllowedValues: [staging, production]
    Default: staging
Conditions:
  IsProd: !Equals [!Ref Env, production]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root" }
            Action: "kms:*"
            Resource: "*"
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: { Status: Enabled }
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
      Tags:
        - Key: env
          Value: !If [IsProd, prod, staging]
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.Arn
`;
