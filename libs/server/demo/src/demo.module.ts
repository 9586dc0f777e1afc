import { Module } from '@nestjs/common';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { DemoSeeder } from './demo.seeder.js';

/** Needs `IngestModule.forRoot()` imported once by the application (it is global). */
@Module({ imports: [OrganizationModule, PostureModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
