// Opens the embedded database in a folder and keeps it open until killed (crash tests spawn it).
import { PgliteDatabase } from '../../engine/index.js';

const db = await PgliteDatabase.open(process.argv[2]);
await db.query('CREATE TABLE IF NOT EXISTS marks (n int)');
await db.query('INSERT INTO marks VALUES (1)');
console.log('ready');
setInterval(() => undefined, 1 << 30);
