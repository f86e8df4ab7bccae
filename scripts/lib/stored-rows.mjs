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

// Read in the extension's worker: every entity's newest stored row (the rows of every `latestSets` record),
// as stored. [] before the database exists; null when it cannot be read. Self-contained, like the above.
export function newestRows() {
  return new Promise((resolve) => {
    void indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve([]);
      const open = indexedDB.open('kpi-lens');
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('latestSets')) return (db.close(), resolve(null));
        const req = db.transaction('latestSets').objectStore('latestSets').getAll();
        req.onsuccess = () => {
          db.close();
          resolve(req.result.flatMap((set) => Object.values(set.rows ?? {})));
        };
        req.onerror = () => (db.close(), resolve(null));
      };
      open.onerror = () => resolve(null);
    });
  });
}

// Run in the extension's worker: empties every store of the extension's database (as "delete all data"
// does), so a measurement counts only the rows it stored itself. Resolves false when it could not.
export function clearAllStores() {
  return new Promise((resolve) => {
    void indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === 'kpi-lens')) return resolve(true);
      const open = indexedDB.open('kpi-lens');
      open.onsuccess = () => {
        const db = open.result;
        const names = [...db.objectStoreNames];
        if (names.length === 0) return (db.close(), resolve(true));
        const tx = db.transaction(names, 'readwrite');
        for (const name of names) tx.objectStore(name).clear();
        tx.oncomplete = () => (db.close(), resolve(true));
        tx.onerror = () => (db.close(), resolve(false));
      };
      open.onerror = () => resolve(false);
    });
  });
}
