import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def email_normalise(email: str) -> str:
    """The one spelling of an address Gilde stores and compares: trimmed and in lower case.

    Strictly the part before the @ may be case-sensitive, but no mail provider treats it so, and
    two accounts for Foo@ and foo@ would let one person's address be taken by someone else."""
    return email.strip().lower()


class Organisation(models.Model):
    """An organisation people work for; participants of one CoP come from several.

    Anyone may type a new one in their profile; it is suggested only to people who share a CoP
    with someone who works there. Staff mark organisations `shared` to suggest them to everybody.
    """

    name = models.CharField(_("name"), max_length=150)
    shared = models.BooleanField(
        _("suggested to everybody"),
        default=False,
        help_text=_(
            "Shared organisations appear in everybody's suggestions. Others appear only to people "
            "who share a CoP with someone from that organisation."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Industry(models.Model):
    """An industry (branche) that staff suggest to everybody; people may still type their own."""

    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("shared industry")
        verbose_name_plural = _("shared industries")
        constraints = [models.UniqueConstraint(Lower("name"), name="industry_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class KnowledgeType(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    THEORY = "theory", _("Theory")
    BOTH = "both", _("Practice and theory")


class ProfileFields(models.Model):
    """What a person brings to a group. The account holds them; a CoP may keep its own per member
    (step 2's member profile), which wins where it is filled in."""

    function = models.CharField(_("function"), max_length=150, blank=True)
    discipline = models.CharField(_("discipline"), max_length=150, blank=True)
    industry = models.CharField(_("industry"), max_length=150, blank=True)
    knowledge_type = models.CharField(
        _("knowledge background"), max_length=10, choices=KnowledgeType.choices, blank=True
    )

    class Meta:
        abstract = True


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=email_normalise(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Logging in compares addresses the way they are stored.
        return self.get(email=email_normalise(username or ""))


class User(AbstractBaseUser, PermissionsMixin, ProfileFields):
    """A person, who logs in with an e-mail address. Profile attributes feed a CoP's composition."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Two separate facts: whether the person proved the address is theirs, and whether staff
    # allow the account. Only staff change `is_active`; confirming an address never does.
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Staff deactivate an account by unticking this; only staff can undo it."),
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person deleted their account: what the group relies on stays, under
    # "former member" (gilde.accounts.services.account_erase).
    erased_at = models.DateTimeField(_("deleted on"), null=True, blank=True, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        if self.erased_at is not None:
            return str(_("Former member"))
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = email_normalise(self.email)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = email_normalise(self.email)

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A personal access token for the REST API. The token itself is shown once, when it is
    made; only its digest is stored, with its first characters to recognise it by."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    BUILDING = "building", _("being built")
    READY = "ready", _("ready")
    FAILED = "failed", _("could not be built")


class PersonalDataExport(models.Model):
    """A person's "download my data": a ZIP the worker builds, kept for a few days. Its random
    id is in the page's address; only its owner can open it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    content = models.BinaryField(default=b"", blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
