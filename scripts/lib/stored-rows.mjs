// Read in the extension's worker (pass it to `worker.evaluate`): how many entities have a newest reading
// stored, i.e. the rows of every `latestSets` record (lib/store/db.ts). 0 before the database exists; null
// when it cannot be read. Self-contained, because it runs in the browser.
export function newestRowCount() {
  return new Promise((resolve) => {
    void indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve(0);
      const open = indexedDB.open('kpi-lens');
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('latestSets')) return (db.close(), resolve(null));
        const req = db.transaction('latestSets').objectStore('latestSets').getAll();
        req.onsuccess = () => {
          db.close();
          resolve(req.result.reduce((n, set) => n + Object.keys(set.rows ?? {}).length, 0));
        };
        req.onerror = () => (db.close(), resolve(null));
      };
      open.onerror = () => resolve(null);
    });
  });
}
