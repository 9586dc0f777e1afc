import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, SecretBox } from '@postureboard/server-core';

/** Bound as authenticated data: a channel's sealed secret opens for that channel only. */
const context = (organizationId: string, channelId: string): string => `notification-channel:${organizationId}:${channelId}`;

/** Channel secrets sealed with AES-256-GCM under the product's master key, like connector secrets. */
@Injectable()
export class ChannelSecretBox {
  private box: SecretBox | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private secretBox(): SecretBox {
    this.box ??= SecretBox.fromConfig(this.config);
    return this.box;
  }

  seal(organizationId: string, channelId: string, secrets: Record<string, unknown>): string | null {
    return Object.keys(secrets).length === 0 ? null : this.secretBox().seal(JSON.stringify(secrets), context(organizationId, channelId));
  }

  open(organizationId: string, channelId: string, sealed: string | null): Record<string, unknown> {
    return sealed === null ? {} : (JSON.parse(this.secretBox().openText(sealed, context(organizationId, channelId))) as Record<string, unknown>);
  }

  /** Re-seals a value under another key (key rotation); `from` defaults to the current key. */
  reseal(organizationId: string, channelId: string, sealed: string, to: SecretBox, from: SecretBox = this.secretBox()): string {
    return to.seal(from.openText(sealed, context(organizationId, channelId)), context(organizationId, channelId));
  }
}
