// tsc does not copy the generated JavaScript (it is not TypeScript); the build does.
import { cpSync } from 'node:fs';

cpSync('src/wire/generated', 'dist/src/wire/generated', {
  recursive: true,
  filter: (path) => !path.endsWith('.ts') || path.endsWith('.d.ts'),
});
