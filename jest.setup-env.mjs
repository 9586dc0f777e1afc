// Tests reach their own local servers (HTTP, TLS, S3 and Vault doubles on 127.0.0.1), which connectors are
// otherwise refused: name loopback in the operator's allow-list, as the README tells private deployments to.
// The outbound-guard spec clears it to prove the refusal.
process.env.POSTUREBOARD_OUTBOUND_ALLOW ??= '127.0.0.0/8,::1';
