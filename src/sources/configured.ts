/** Which sources a configuration reads: the one rule every entry point and the scheduler use. */
import type { Config } from '../config/index.js';
import type { Source, Store } from '../store/types.js';
import { defaultSources, loadSourcesFile } from './sources-file.js';

/**
 * The configured sources: SOURCES_FILE, or the bundled list of Arabic outlets. Throws the
 * file's {@link SourcesFileError} when SOURCES_FILE cannot be used.
 */
export async function configuredSources(config: Pick<Config, 'SOURCES_FILE'>): Promise<Source[]> {
  return config.SOURCES_FILE ? loadSourcesFile(config.SOURCES_FILE) : defaultSources();
}

/** `base` plus the sources admins added to the store, an added one only under a new id. */
export async function withAddedSources(base: Source[], store: Store): Promise<Source[]> {
  const ids = new Set(base.map((s) => s.id));
  const added = await store.sources.list();
  return [...base, ...added.filter((s) => !ids.has(s.id))];
}
