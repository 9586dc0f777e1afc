export enum SettingsErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  TEAM_NAME_TAKEN = 'TEAM_NAME_TAKEN',
  TEAM_NOT_FOUND = 'TEAM_NOT_FOUND',
}

/** Teams, rotation policies and approved countries: what an administrator may set, and why not. */
export class SettingsError extends Error {
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}
