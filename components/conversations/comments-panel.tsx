import { getThread, markThreadRead } from '@/lib/dal';
import type { Viewer } from '@/lib/dal/viewer';
import { AUTHOR_ROLE, messageAnchor, type ThreadRef } from '@/lib/conversations/rules';
import { formatDateTime, formatTime } from '@/lib/format';
import { StatusTag } from '@/components/status-tag';
import { editMessageAction, postMessageAction } from '@/app/(app)/messages/actions';
import { EditMessageForm } from './edit-message-form';
import { MessageForm } from './message-form';

/**
 * A record's comment thread (or a direct thread): the messages oldest first, a form to post, and one's own
 * recent messages changeable for 5 minutes. Viewing it marks it read up to the newest message shown.
 * The page shows it only to someone who may see the record; the data access layer refuses anyone else.
 */
export async function CommentsPanel({
  viewer,
  subject,
  heading = 'Comments',
  intro,
  label = 'Add a comment',
}: {
  viewer: Viewer;
  subject: ThreadRef;
  heading?: string;
  intro?: string;
  label?: string;
}) {
  const thread = await getThread(viewer, subject);
  if (thread.latestAt && thread.messages.some((m) => m.unread)) await markThreadRead(viewer, subject, thread.latestAt);
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-6 max-w-3xl space-y-4 bg-white p-5">
      <div>
        <h2 id="comments-heading" className="text-xl font-bold">
          {heading}
        </h2>
        {intro && <p className="text-nhs-grey-1">{intro}</p>}
      </div>
      {thread.messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ol className="space-y-3" aria-label={`${thread.messages.length} ${thread.messages.length === 1 ? 'message' : 'messages'}`}>
          {thread.messages.map((m) => (
            <li key={m.id} id={messageAnchor(m.id)} tabIndex={-1} className={`border-l-4 bg-nhs-grey-5 p-3 ${m.mine ? 'border-nhs-blue' : 'border-nhs-grey-1'}`}>
              <p className="flex flex-wrap items-center gap-x-2 text-sm">
                <strong className="text-base">{m.mine ? 'You' : m.authorName}</strong>
                <span>{AUTHOR_ROLE[m.authorRole]}</span>
                <span aria-hidden>·</span>
                <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                {m.edited && <span>(edited)</span>}
                {m.unread && <StatusTag tone="blue">New</StatusTag>}
              </p>
              <p className="mt-1 whitespace-pre-line [overflow-wrap:anywhere]">{m.body}</p>
              {m.editable && (
                <EditMessageForm key={m.version} messageId={m.id} version={m.version} body={m.body} until={formatTime(m.editableUntil)} action={editMessageAction} />
              )}
            </li>
          ))}
        </ol>
      )}
      {thread.mayPost ? (
        <MessageForm
          subject={{ subjectType: subject.type, subjectId: subject.id, ...(subject.type === 'direct' ? { trainerId: subject.trainerId } : {}) }}
          label={label}
          hint={`${subject.type === 'direct' ? 'Between the two of you (an administrator may read it for oversight).' : 'Everyone who can see this record can read it.'} You can change a message for 5 minutes after posting it. Never include patient details.`}
          action={postMessageAction}
        />
      ) : (
        <p className="border-l-4 border-nhs-warm-yellow p-3">{thread.readOnlyReason}</p>
      )}
    </section>
  );
}
