// The real `server-only` throws outside Next's server bundles; tests import server modules directly.
export {};
