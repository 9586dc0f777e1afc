export { kmsKeyObservation, kmsKeyStatus, supportsAutomaticRotation, type KmsKeyContext, type KmsKeyFacts } from './kms-key.mapper.js';
export { awsKmsConfigSchema, awsKmsConnector, type AwsKmsConfig } from './aws-kms.connector.js';
