import type { ModerationKey } from './messages';

/** The moderators' audit actions and their labels (moderation catalog); the workspace's audit page uses them too. */
export const ACTION_KEYS: Record<string, ModerationKey> = {
  'post.edit': 'action_post_edit',
  'post.delete': 'action_post_delete',
  'post.hide': 'action_post_hide',
  'post.restore': 'action_post_restore',
  'thread.lock': 'action_thread_lock',
  'thread.unlock': 'action_thread_unlock',
  'thread.pin': 'action_thread_pin',
  'thread.unpin': 'action_thread_unpin',
  'flag.resolved': 'action_flag_resolved',
  'flag.dismissed': 'action_flag_dismissed',
  'forum.create': 'action_forum_create',
  'forum.member.add': 'action_forum_member_add',
  'forum.member.remove': 'action_forum_member_remove',
  'user.role': 'action_user_role',
};
