import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { StrataApi } from '../api/strata';
import type { IngestionTask } from '../api/types';
import { datasetKey } from '../dashboard/queries';

/**
 * Follows the dataset's ingestion tasks (the `ingestionTasks` subscription) and, when one succeeds, refreshes
 * every panel of the dataset and the dataset list. Answers the last task that did, for the page to say so.
 */
export function useIngestionRefresh(api: StrataApi, dataset: string, enabled: boolean): IngestionTask | undefined {
  const queryClient = useQueryClient();
  const [last, setLast] = useState<IngestionTask>();
  const seen = useRef(new Set<string>());

  useEffect(() => {
    if (!enabled || !api.canSubscribe) return undefined;
    return api.watchIngestionTasks(dataset, {
      next: (task) => {
        if (task.status !== 'SUCCEEDED' || seen.current.has(task.id)) return;
        seen.current.add(task.id);
        setLast(task);
        void queryClient.invalidateQueries({ queryKey: datasetKey(dataset) });
        void queryClient.invalidateQueries({ queryKey: ['datasets'] });
      },
      error: () => undefined,
      complete: () => undefined,
    });
  }, [api, dataset, enabled, queryClient]);

  return last;
}
