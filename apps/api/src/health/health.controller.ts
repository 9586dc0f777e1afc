import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@postureboard/server-auth';
import { hasPendingMigrations } from '@postureboard/server-database';

/** Probes for orchestrators: no sign-in, and nothing in them but status words. */
@Public()
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Alive: the process answers. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready: the database answers and every migration is applied. */
  @Get('readyz')
  async readyz(): Promise<{ status: 'ready'; database: 'ok'; migrations: 'applied' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException({ status: 'not-ready', database: 'unreachable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    if (await hasPendingMigrations(this.dataSource)) {
      throw new HttpException({ status: 'not-ready', database: 'ok', migrations: 'pending' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', database: 'ok', migrations: 'applied' };
  }
}
