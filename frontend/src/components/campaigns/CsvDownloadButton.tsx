import { useMutation } from '@tanstack/react-query'
import { useI18n } from '../../i18n/i18n'
import { ErrorAlert } from '../ErrorAlert'

/**
 * A download of one of notify's CSV reports, read with the bearer token (see csvDownload.ts): a button (a link
 * could not carry the token) whose failure shows under it. `which` tells apart, for a screen reader, buttons
 * of the same label (one per row).
 */
export function CsvDownloadButton({ label, which, download }: { label: string; which?: string; download: () => Promise<string> }) {
  const { t } = useI18n()
  const run = useMutation({ mutationFn: download })
  return (
    <div className="download">
      <button
        type="button"
        className="secondary"
        aria-disabled={run.isPending || undefined}
        onClick={() => {
          if (!run.isPending) run.mutate()
        }}
      >
        {label}
        {which && <span className="visually-hidden">{which}</span>}
      </button>
      <span role="status" className="write-status">
        {run.isPending ? t('campaigns.download.pending') : run.isSuccess ? t('campaigns.download.done', { name: run.data }) : ''}
      </span>
      {run.isError && <ErrorAlert error={run.error} />}
    </div>
  )
}
