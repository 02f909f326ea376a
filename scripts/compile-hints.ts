// `npm run build` runs this after `next build` (npm start and npm test build through
// lib/db/build.ts, which does the same). See lib/db/compile-hints.ts.
import path from 'node:path';
import { addCompileHints } from '../lib/db/compile-hints';

const dist = path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? '.next');
const marked = addCompileHints(dist);
process.stdout.write(`Compile hints: ${marked.length} start-up script${marked.length === 1 ? '' : 's'} marked in ${dist}\n`);
