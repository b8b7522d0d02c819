// Today's produce (docs/DESIGN.md §2 vendor step 3): product, origin/farm, supplier, quantity + unit,
// date and rapid-test result, with quick picks from the batches used before. The list is kept on
// the device until it is published (and after, for tomorrow's edits).

import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { LIMITS, type Batch, type QuantityUnit, type RapidTest } from '../../core';
import { useI18n } from '../../app/i18n';
import { getStore } from '../../app/services';
import { dayToIso, formatDay, formatQuantity, isoToDay, localDay, unitText } from '../../app/format';
import type { BatchHistoryEntry } from '../../platform/store';
import { Icon } from '../../app/components/icons';
import { parseDraft, validateBatch, type BatchDraft, type BatchProblem } from './vendor-model';

const DRAFT_KEY = 'sanma.vendor.batches';

export interface BatchDraftState {
  batches: Batch[];
  setBatches: (b: Batch[]) => void;
}

export function useBatchDraft(): BatchDraftState {
  const [batches, setState] = useState<Batch[]>(() => parseDraft(localStorage.getItem(DRAFT_KEY)));
  const setBatches = useCallback((b: Batch[]) => {
    setState(b);
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(b));
    } catch {
      // Private mode: the list lasts for this visit.
    }
  }, []);
  return { batches, setBatches };
}

const UNITS: QuantityUnit[] = ['kg', 'jin', 'g', 'piece'];
const TESTS: RapidTest[] = ['pass', 'fail', 'none'];

function emptyDraft(): BatchDraft {
  return { product: '', origin: '', supplier: '', amount: '', unit: 'kg', day: localDay(Date.now()), test: null };
}

export function BatchEditor({ draft }: { draft: BatchDraftState }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [form, setForm] = useState<BatchDraft>(emptyDraft);
  const [problem, setProblem] = useState<BatchProblem | null>(null);
  const [recent, setRecent] = useState<BatchHistoryEntry[]>([]);
  const ids = { product: useId(), origin: useId(), supplier: useId(), amount: useId(), unit: useId(), date: useId(), list: useId() };
  const { batches, setBatches } = draft;
  const full = batches.length >= LIMITS.batches;

  useEffect(() => {
    let live = true;
    getStore()
      .then(({ store }) => store.recentBatches(12))
      .then(
        (r) => live && setRecent(r),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [batches]);

  const testText: Record<RapidTest, string> = { pass: t.testPass, fail: t.testFail, none: t.testNone };
  const problemText = (p: BatchProblem): string =>
    p === 'test-required'
      ? t.batchTestRequired
      : p === 'required'
      ? t.batchRequired
      : p === 'amount'
        ? t.batchAmountInvalid
        : t.batchTooLong(p === 'product-too-long' ? t.batchProduct : p === 'origin-too-long' ? t.batchOrigin : t.batchSupplier);

  const startNew = () => {
    setForm(emptyDraft());
    setProblem(null);
    setEditing('new');
  };
  const startEdit = (i: number) => {
    const b = batches[i];
    if (!b) return;
    setForm({ ...b, amount: String(b.amount) });
    setProblem(null);
    setEditing(i);
  };
  const pick = (e: BatchHistoryEntry) => {
    setForm((f) => ({ ...f, product: e.batch.product, origin: e.batch.origin, supplier: e.batch.supplier, unit: e.batch.unit }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validateBatch(form);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    const next = [...batches];
    if (editing === 'new') next.push(r.batch);
    else if (typeof editing === 'number') next[editing] = r.batch;
    setBatches(next.slice(0, LIMITS.batches));
    setEditing(null);
  };

  return (
    <section className="card" aria-labelledby="batches-heading" data-testid="batches-editor">
      <h2 id="batches-heading">{t.batchesTitle}</h2>
      <p className="hint">{t.batchesHint}</p>
      {batches.length === 0 ? (
        <p>{t.batchEmpty}</p>
      ) : (
        <ul className="batch-list">
          {batches.map((b, i) => (
            <li key={i} data-testid="draft-batch">
              <div className="batch-head">
                <span className="product">{b.product}</span>
                <span>{formatQuantity(b.amount, b.unit, lang)}</span>
              </div>
              <p className="hint">
                {b.origin} · {b.supplier} · {formatDay(b.day, lang)} · {testText[b.test]}
              </p>
              <div className="btn-row">
                <button type="button" className="btn" onClick={() => startEdit(i)} aria-label={`${t.batchEdit} ${b.product}`}>
                  {t.batchEdit}
                </button>
                <button type="button" className="btn danger" onClick={() => setBatches(batches.filter((_, j) => j !== i))} aria-label={`${t.batchRemove} ${b.product}`}>
                  {t.batchRemove}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {editing === null ? (
        <>
          <button type="button" className="btn primary block" onClick={startNew} disabled={full} data-testid="batch-add">
            {t.batchAdd}
          </button>
          {full && <p className="hint">{t.batchLimit(LIMITS.batches)}</p>}
        </>
      ) : (
        <form onSubmit={submit} noValidate data-testid="batch-form">
          {recent.length > 0 && (
            <fieldset>
              <legend>{t.batchQuickPick}</legend>
              <div className="choice-row">
                {recent.slice(0, 6).map((r) => (
                  <button key={r.key} type="button" className="btn" onClick={() => pick(r)}>
                    {r.batch.product} · {r.batch.origin}
                  </button>
                ))}
              </div>
            </fieldset>
          )}
          <label htmlFor={ids.product}>{t.batchProduct}</label>
          <input id={ids.product} type="text" list={ids.list} value={form.product} onChange={(e) => setForm({ ...form, product: e.target.value })} required data-testid="batch-product" />
          <datalist id={ids.list}>
            {[...new Set(recent.map((r) => r.batch.product))].map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <label htmlFor={ids.origin}>{t.batchOrigin}</label>
          <input id={ids.origin} type="text" value={form.origin} onChange={(e) => setForm({ ...form, origin: e.target.value })} required data-testid="batch-origin" />
          <label htmlFor={ids.supplier}>{t.batchSupplier}</label>
          <input id={ids.supplier} type="text" value={form.supplier} onChange={(e) => setForm({ ...form, supplier: e.target.value })} required data-testid="batch-supplier" />
          <div className="field-row">
            <div>
              <label htmlFor={ids.amount}>{t.batchAmount}</label>
              <input id={ids.amount} type="text" inputMode="numeric" pattern="[0-9]*" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} required data-testid="batch-amount" />
            </div>
            <div>
              <label htmlFor={ids.unit}>{t.batchUnit}</label>
              <select id={ids.unit} value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value as QuantityUnit })} data-testid="batch-unit">
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {unitText(u, lang)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label htmlFor={ids.date}>{t.batchDate}</label>
          <input
            id={ids.date}
            type="date"
            value={dayToIso(form.day)}
            onChange={(e) => {
              const d = isoToDay(e.target.value);
              if (d !== null) setForm({ ...form, day: d });
            }}
            data-testid="batch-date"
          />
          <fieldset>
            <legend>{t.batchTest}</legend>
            <div className="choice-row">
              {TESTS.map((x) => (
                <label key={x} className="choice">
                  <input type="radio" name="batch-test" value={x} checked={form.test === x} onChange={() => setForm({ ...form, test: x })} data-testid={`batch-test-${x}`} />
                  {testText[x]}
                </label>
              ))}
            </div>
          </fieldset>
          {problem && (
            <p className="notice bad" role="alert">
              <Icon kind="bad" />
              <span>{problemText(problem)}</span>
            </p>
          )}
          <div className="btn-row">
            <button type="submit" className="btn primary" data-testid="batch-save">
              {t.batchSave}
            </button>
            <button type="button" className="btn" onClick={() => setEditing(null)}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
