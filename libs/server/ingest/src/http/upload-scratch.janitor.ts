import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { multipartDirectory, removeOrphanUploads, removeOwnUploads, removeOwnUploadsOnExit } from './upload-scratch.js';

/** Cleans upload directories at start (what killed processes left) and on every exit of this one. */
@Injectable()
export class UploadScratchJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  onApplicationBootstrap(): void {
    removeOrphanUploads();
    // Multer writes there; the sweep above removed what a previous process of this pid left in it.
    multipartDirectory();
    removeOwnUploadsOnExit();
  }

  onApplicationShutdown(): void {
    removeOwnUploads();
  }
}
