import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { LoadFailed, Loading, PageHeading } from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { staff } from '../api';

export function Tasks() {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.nav.tasks'));
  const tasks = useQuery({ queryKey: ['tasks'], queryFn: staff.tasks });
  return (
    <section className="stack">
      <PageHeading>{t('console.tasks.title')}</PageHeading>
      {tasks.isError ? <LoadFailed error={tasks.error} retry={() => void tasks.refetch()} /> : null}
      {tasks.isPending ? <Loading /> : null}
      {tasks.data === null ? (
        <div className="alert alert-info" data-testid="tasks-unavailable">
          <p>{t('console.unavailable')}</p>
        </div>
      ) : null}
      {tasks.data ? (
        tasks.data.tasks.length ? (
          <ul className="list" data-testid="task-list">
            {tasks.data.tasks.map((task) => (
              <li key={task.task_id} className="list-row">
                <span>{task.title}</span>
                {task.due_at ? (
                  <span className="hint">{t('console.tasks.due', { when: tr.dateTime(task.due_at) })}</span>
                ) : null}
                {task.patient_id && task.thread_id ? (
                  <Link href={`/threads/${encodeURIComponent(task.patient_id)}/${encodeURIComponent(task.thread_id)}`}>
                    {t('console.tasks.open')}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('console.tasks.none')}</p>
        )
      ) : null}
    </section>
  );
}
