import { useMutation } from '@tanstack/react-query'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'
import type { RenderRead } from './documents'
import { downloadRender } from './download'

/**
 * The download of a finished job's file. Its accessible name says which file (the history has one per row); a
 * failure shows under it: the service's problem, or that the service could not be reached.
 */
export function DownloadButton({ job }: { job: Pick<RenderRead, 'id' | 'document' | 'format'> }) {
  const { t, label } = useI18n()
  const download = useMutation({ mutationFn: () => downloadRender(job) })
  // label() also copes with a document this SPA does not know yet (a newer docs-render)
  const name = label('documents.kind', job.document)
  const which = t('documents.download.which', { document: name, id: job.id })
  const error = download.error instanceof TypeError ? new Error(t('documents.download.blocked')) : download.error

  return (
    <div className="download">
      <button
        type="button"
        aria-disabled={download.isPending}
        onClick={() => {
          if (!download.isPending) download.mutate()
        }}
      >
        {download.isPending ? t('documents.download.pending') : t('documents.download')}
        <span className="visually-hidden">{which}</span>
      </button>
      {download.isError && <ErrorAlert error={error} />}
    </div>
  )
}
