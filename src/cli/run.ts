/** Process entry of the CLI: `bin/plugfest.js` runs the built copy, tests run this file with tsx. */
import { main } from './main.js';

await main(process.argv);
