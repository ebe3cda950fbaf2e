import { env, dataDir } from '@/lib/env';
import { resolveSharedSetting } from '@/lib/instance/shared-settings';

/** AUTH_SECRET, or (embedded use) the one generated once into DATA_DIR: lib/instance/shared-settings.ts. */
export const resolveAuthSecret = (): string => resolveSharedSetting('AUTH_SECRET', env, dataDir);
