import { describeAwsError } from './aws-error.util.js';

describe('describeAwsError', () => {
  it('explains bad credentials, denial, server failures, timeouts and network errors differently', () => {
    const aws = (name: string, status: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
    expect(describeAwsError(aws('InvalidClientTokenId', 403), 'iam:GetCredentialReport')).toMatch(/^AWS rejected the credentials for iam:GetCredentialReport/);
    expect(describeAwsError(aws('AccessDenied', 403), 'iam:ListAccessKeys')).toMatch(/^AWS denied iam:ListAccessKeys/);
    expect(describeAwsError(aws('ServiceUnavailable', 503), 'kms:ListKeys')).toBe(
      'AWS answered HTTP 503 (ServiceUnavailable) to kms:ListKeys: ServiceUnavailable happened; the service failed, try again later',
    );
    expect(describeAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'kms:ListKeys')).toBe('kms:ListKeys timed out or was cancelled before AWS answered');
    expect(describeAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'kms:ListKeys')).toMatch(/^cannot reach the AWS endpoint for kms:ListKeys \(ECONNREFUSED\)/);
  });
});
