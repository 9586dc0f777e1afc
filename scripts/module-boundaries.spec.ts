import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const boundaryErrors = async (file: string, code: string): Promise<string[]> => {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
};

describe('Nx module boundaries (lint)', () => {
  // The rule reads Nx's cached project graph; a fresh clone has none until Nx computes it.
  beforeAll(() => {
    execFileSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  it('fail when the domain imports a database library', async () => {
    const errors = await boundaryErrors('libs/domain/src/forbidden.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n");
    expect(errors.join('\n')).toMatch(/typeorm/);
  });

  it('fail when the domain imports a framework', async () => {
    const errors = await boundaryErrors('libs/domain/src/forbidden.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('fail when the domain imports a server library', async () => {
    const errors = await boundaryErrors(
      'libs/domain/src/forbidden.ts',
      "import { migrate } from '@postureboard/server-database';\nexport const x = migrate;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('fail when a connector imports the database layer', async () => {
    const errors = await boundaryErrors(
      'libs/connectors/src/forbidden.ts',
      "import { migrate } from '@postureboard/server-database';\nexport const x = migrate;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('pass for the domain importing only its own files', async () => {
    expect(await boundaryErrors('libs/domain/src/allowed.ts', "import { FINDING_KINDS } from './model/enums.js';\nexport const x = FINDING_KINDS;\n")).toEqual([]);
  });
});
