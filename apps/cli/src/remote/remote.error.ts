/** A remote-mode failure the operator can act on; messages never carry the API token. */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}
