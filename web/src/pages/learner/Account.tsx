import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call, fieldErrors, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { formatDate } from "../../components/learner/format";
import "../../styles/learner.css";

export default function Account() {
  const { t, i18n } = useTranslation("learner");
  const { user } = useAuth();
  if (!user) return <Loading />;
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p className="muted">
        {user.email} · {t("account.since", { date: formatDate(user.createdAt, i18n.resolvedLanguage ?? "en") })}
      </p>
      <ProfileForm user={user} />
      <BecomeCreator user={user} />
      <ExportData />
      <DeleteAccount />
    </>
  );
}

function ProfileForm({ user }: { user: Schemas["Profile"] }) {
  const { t } = useTranslation("learner");
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [bio, setBio] = useState(user.bio);
  const save = useMutation({
    mutationFn: () => call(api.PATCH("/me", { body: { displayName: displayName.trim(), bio } })),
    onSuccess: (profile) => queryClient.setQueryData(["me"], profile),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account.profile")}</h2>
      <form className="form" onSubmit={submit}>
        <label>
          {t("auth.displayName")}
          <input
            name="displayName"
            autoComplete="name"
            required
            maxLength={80}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            aria-invalid={!!errors.displayName}
          />
        </label>
        <label>
          {t("account.bio")}
          <textarea name="bio" maxLength={2000} value={bio} onChange={(e) => setBio(e.target.value)} aria-invalid={!!errors.bio} />
        </label>
        <ProblemMessage error={save.error} />
        {save.isSuccess && (
          <p className="notice" role="status">
            {t("account.saved")}
          </p>
        )}
        <p>
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t("account.saving") : t("account.save")}
          </button>
        </p>
      </form>
    </section>
  );
}

function BecomeCreator({ user }: { user: Schemas["Profile"] }) {
  const { t } = useTranslation("learner");
  const queryClient = useQueryClient();
  const become = useMutation({
    mutationFn: () => call(api.POST("/me/roles/creator")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["me"] }),
  });
  return (
    <section aria-labelledby="creator-title">
      <h2 id="creator-title">{t("account.creator")}</h2>
      {user.roles.includes("creator") ? (
        <p>{t("account.isCreator")}</p>
      ) : user.creatorSuspended ? (
        <p>{t("account.creatorSuspended")}</p>
      ) : (
        <>
          <p>{t("account.creatorText")}</p>
          <button type="button" data-testid="become-creator" onClick={() => become.mutate()} disabled={become.isPending}>
            {t("account.becomeCreator")}
          </button>
          <ProblemMessage error={become.error} />
        </>
      )}
    </section>
  );
}

function ExportData() {
  const { t } = useTranslation("learner");
  const exportData = useMutation({
    mutationFn: () => call(api.GET("/me/export")),
    onSuccess: (data) => {
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `lectern-data-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      // after the click has started the download
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t("account.export")}</h2>
      <p>{t("account.exportText")}</p>
      <button type="button" className="secondary" data-testid="export-button" onClick={() => exportData.mutate()} disabled={exportData.isPending}>
        {exportData.isPending ? t("account.exporting") : t("account.exportButton")}
      </button>
      {exportData.isSuccess && (
        <p className="notice" role="status">
          {t("account.exported")}
        </p>
      )}
      <ProblemMessage error={exportData.error} />
    </section>
  );
}

function DeleteAccount() {
  const { t } = useTranslation("learner");
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/me", { body: { password } })),
    onSuccess: async () => {
      // The server has revoked every session already; signing out clears the local one. A full
      // load of the home page then starts clean: navigating within the app would let this
      // signed-in-only page send the visitor to sign in, or let home ask with the revoked token.
      await signOut();
      window.location.replace("/");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate();
  };
  return (
    <section aria-labelledby="delete-title" className="danger-zone">
      <h2 id="delete-title">{t("account.delete")}</h2>
      <p>{t("account.deleteText")}</p>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)} aria-expanded={false}>
          {t("account.deleteStart")}
        </button>
      ) : (
        <form className="form" onSubmit={submit}>
          <label>
            {t("auth.password")}
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="delete-password"
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="delete-confirm" />
            {t("account.deleteConfirm")}
          </label>
          <ProblemMessage error={remove.error} />
          <p className="row">
            <button type="submit" className="danger" data-testid="delete-account" disabled={!confirmed || !password || remove.isPending}>
              {t("account.deleteButton")}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t("account.cancel")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
