// Which crash backups a tab of the editor may offer back: its own, and those of tabs nobody has open.
import { describe, expect, it } from 'vitest';
import { backupBase, backupTab, offerableBackupKeys, tabBackupKey } from '@/components/editor/tab-backups';

const base = backupBase('user 1', 'p1');

describe('backup keys', () => {
  it('keep the person and the pathway, and each tab apart', () => {
    expect(base).toBe('pathweave:editor-backup:user%201:p1');
    expect(backupBase(undefined, 'p1')).toBe('pathweave:editor-backup:p1');
    expect(tabBackupKey(base, 'a')).not.toBe(tabBackupKey(base, 'b'));
    expect(tabBackupKey(base, null)).toBe(base);
  });

  it('name the tab a key belongs to, and no tab for another pathway whose id starts with this one', () => {
    expect(backupTab(base, tabBackupKey(base, 'a'))).toBe('a');
    expect(backupTab(base, base)).toBeNull();
    expect(backupTab(base, backupBase('user 1', 'p10'))).toBeUndefined();
    expect(backupTab(base, tabBackupKey(backupBase('user 1', 'p10'), 'a'))).toBeUndefined();
    expect(backupTab(base, tabBackupKey(backupBase('user 2', 'p1'), 'a'))).toBeUndefined();
    expect(backupTab(base, `${base}:tab:`)).toBeUndefined();
  });
});

describe('offerableBackupKeys', () => {
  const keys = [
    tabBackupKey(base, 'open'),
    tabBackupKey(base, 'closed-2'),
    tabBackupKey(base, 'mine'),
    base,
    tabBackupKey(base, 'closed-1'),
    tabBackupKey(backupBase('user 1', 'p2'), 'closed-1'),
    tabBackupKey(backupBase('user 2', 'p1'), 'closed-1'),
    'pathweave:comment-drafts:x',
  ];

  it('offers this tab’s own copy first, then the closed tabs’ and the one from before tabs, never an open tab’s', () => {
    expect(offerableBackupKeys(base, keys, 'mine', new Set(['open']))).toEqual([
      tabBackupKey(base, 'mine'),
      base,
      tabBackupKey(base, 'closed-1'),
      tabBackupKey(base, 'closed-2'),
    ]);
  });

  it('leaves every open tab’s copy to it', () => {
    expect(offerableBackupKeys(base, keys, 'mine', new Set(['open', 'closed-1', 'closed-2']))).toEqual([
      tabBackupKey(base, 'mine'),
      base,
    ]);
  });

  it('without tabs (no Web Locks), the one copy per pathway is this tab’s own', () => {
    expect(offerableBackupKeys(base, [base, tabBackupKey(base, 'a')], null, new Set())).toEqual([
      base,
      tabBackupKey(base, 'a'),
    ]);
  });
});
