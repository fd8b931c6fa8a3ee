import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { checkRevision, directorySyncObject, templateMaps, touchDirectorySyncObject, type TemplateMapRow } from './directory-sync-object';
import { resolveServer } from '../servers/servers';
import { checkAttribute, checkPrompt } from './template-attributes';

export type TemplateDirection = 'incoming' | 'outgoing';

/**
 * Directory Synchronization ▸ Incoming Templates (MS Mail prompt → Exchange attribute) or Outgoing
 * Templates (attribute → prompt), KB Q158694, Q228601: the tab's whole list replaces the stored
 * one. A prompt appears once per list (a template line names one field); an Outgoing attribute
 * once (it is written as one line). Returns the list as stored.
 */
export function saveTemplateMaps(
  db: Db,
  serverName: string,
  direction: TemplateDirection,
  maps: { prompt: string; attribute: string }[],
  revision?: number,
): { maps: TemplateMapRow[]; revision: number; changed: boolean } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const before = directorySyncObject(db, server);
    checkRevision(server, before, revision);
    const clean = maps.map((m) => ({ prompt: checkPrompt(m.prompt), attribute: checkAttribute(m.attribute, server.version) }));
    const seen = new Map<string, string>();
    for (const m of clean) {
      const key = m.prompt.toLowerCase();
      if (seen.has(key)) throw usage(`Template prompt "${m.prompt}" is in the list twice: each MS Mail prompt can be mapped once`);
      seen.set(key, m.attribute);
    }
    if (direction === 'outgoing') {
      const attrs = new Set<string>();
      for (const m of clean) {
        if (attrs.has(m.attribute)) throw usage(`${m.attribute} is in the Outgoing Templates twice: an attribute is sent under one prompt`);
        attrs.add(m.attribute);
      }
    }
    const had = templateMaps(db, server, direction);
    const changed = JSON.stringify(had) !== JSON.stringify(clean);
    let rev = before.revision;
    if (changed) {
      rev = touchDirectorySyncObject(db, server);
      stmt(db, 'delete from template_map where server_id = ? and direction = ?').run(server.id, direction);
      const add = stmt(db, 'insert into template_map (server_id, direction, prompt, attribute) values (?, ?, ?, ?)');
      for (const m of clean) add.run(server.id, direction, m.prompt, m.attribute);
    }
    return { maps: templateMaps(db, server, direction), revision: rev, changed };
  });
}
