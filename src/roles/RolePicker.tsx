// The home screen: pick a role. Three big cards, each a link (deep links work too).

import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { RoleIcon } from '../app/components/icons';

export function RolePicker() {
  const { t } = useI18n();
  const roles = [
    { role: 'shopper', href: '/shopper', title: t.roleShopper, hint: t.roleShopperHint },
    { role: 'vendor', href: '/vendor', title: t.roleVendor, hint: t.roleVendorHint },
    { role: 'inspector', href: '/inspector', title: t.roleInspector, hint: t.roleInspectorHint },
  ] as const;
  return (
    <section aria-labelledby="pick-heading">
      <h1 id="pick-heading">{t.pickRole}</h1>
      <p className="hint">{t.appTagline}</p>
      <ul className="roles">
        {roles.map((r) => (
          <li key={r.role}>
            <Link className="role-card" href={r.href} data-testid={`role-${r.role}`}>
              <RoleIcon role={r.role} />
              <div>
                <strong>{r.title}</strong>
                <span>{r.hint}</span>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
