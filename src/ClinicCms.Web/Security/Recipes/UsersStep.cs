using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Security;
using ClinicCms.Recipes.Steps;
using Microsoft.AspNetCore.Identity;

namespace ClinicCms.Web.Security.Recipes;

/// <summary>
/// Orchard's Users step: users created or updated by user name. A PasswordHash (Identity's format, as Orchard exports
/// it) is kept as it is; a Password, which ClinicCms also accepts, must pass the password rules and is stored hashed.
/// ClinicCms also reads a user's profile: DisplayName and Credentials, named on the pages they medically review.
/// </summary>
public sealed class UsersStep(UserManager<IdentityUser> users, RoleStore roles, ClinicCms.Content.Audit.AuditTrail audit) : IRecipeStep
{
    public string Name => "Users";

    private sealed record PlannedUser(string? Id, string UserName, string? Email, bool EmailConfirmed, bool Enabled, string? PasswordHash, string? Password, List<string>? Roles)
    {
        /// <summary>ClinicCms's profile (DisplayName, Credentials); null keeps what a stored user has.</summary>
        public (string? DisplayName, string? Credentials)? Profile { get; init; }
    }

    public async Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (ClinicCms.Recipes.RecipeReader.Property(step.Step, "Users") is not JsonArray list)
        {
            step.Error("Users", "required: an array of users");
            return;
        }
        var known = (await roles.ListAsync(cancellationToken)).Select(r => r.Name).Concat(step.Run.PlannedRoles.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var planned = new List<PlannedUser>();
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"Users[{i}].";
            if (list[i] is not JsonObject json || StepJson.Text(step, json, "UserName", path) is not { Length: > 0 } userName)
            {
                step.Error($"{path}UserName", "required: every user needs a UserName");
                continue;
            }
            var password = StepJson.Text(step, json, "Password", path);
            if (password is not null)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var result = await validator.ValidateAsync(users, new IdentityUser(userName), password);
                    foreach (var error in result.Errors)
                    {
                        step.Error($"{path}Password", error.Description);
                    }
                }
            }
            var roleNames = ClinicCms.Recipes.RecipeReader.Property(json, "RoleNames") is null ? null : StepJson.Names(step, json, "RoleNames", path);
            foreach (var role in roleNames?.Where(r => !known.Contains(r)) ?? [])
            {
                step.Error($"{path}RoleNames", $"no role '{role}'");
            }
            var enabled = ClinicCms.Recipes.RecipeReader.Property(json, "IsEnabled") is null || StepJson.Flag(step, json, "IsEnabled", path);
            (string?, string?)? profile = null;
            if (ClinicCms.Recipes.RecipeReader.Property(json, "DisplayName") is not null || ClinicCms.Recipes.RecipeReader.Property(json, "Credentials") is not null)
            {
                var (displayName, credentials) = (StepJson.Text(step, json, "DisplayName", path), StepJson.Text(step, json, "Credentials", path));
                if (UserProfiles.Refusal(displayName, credentials) is { } refused)
                {
                    step.Error($"{path}Profile", refused);
                }
                profile = (displayName, credentials);
            }
            planned.Add(new PlannedUser(StepJson.Text(step, json, "UserId", path), userName, StepJson.Text(step, json, "Email", path),
                StepJson.Flag(step, json, "EmailConfirmed", path), enabled, StepJson.Text(step, json, "PasswordHash", path), password, roleNames)
            { Profile = profile });
        }
        step.State = planned;
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        foreach (var (planned, i) in ((List<PlannedUser>)step.State!).Select((p, i) => (p, i)))
        {
            var path = $"Users[{i}]";
            var user = await users.FindByNameAsync(planned.UserName);
            var created = user is null;
            user ??= new IdentityUser(planned.UserName) { Id = string.IsNullOrEmpty(planned.Id) ? IdGenerator.NewId() : planned.Id };
            user.Email = planned.Email ?? user.Email;
            user.EmailConfirmed = planned.EmailConfirmed;
            if (planned.PasswordHash is not null)
            {
                user.PasswordHash = planned.PasswordHash;
            }
            Check(step, path, created
                ? planned.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, planned.Password)
                : await users.UpdateAsync(user));
            if (!created && planned.Password is not null)
            {
                Check(step, path, await users.RemovePasswordAsync(user));
                Check(step, path, await users.AddPasswordAsync(user, planned.Password));
            }
            Check(step, path, await users.SetLockoutEnabledAsync(user, true));
            Check(step, path, await users.SetLockoutEndDateAsync(user, planned.Enabled ? null : UserAccess.DisabledUntil));
            if (planned.Profile is var (displayName, credentials) && await UserProfiles.SetAsync(users, user, displayName, credentials) is { } refused)
            {
                step.Error(path, refused);
            }
            if (planned.Roles is not null)
            {
                var current = await users.GetRolesAsync(user);
                Check(step, path, await users.RemoveFromRolesAsync(user, current.Except(planned.Roles, StringComparer.OrdinalIgnoreCase)));
                Check(step, path, await users.AddToRolesAsync(user, planned.Roles.Except(current, StringComparer.OrdinalIgnoreCase)));
            }
            // Each user a recipe creates or changes has a row of its own, in the run's transaction: roles and passwords matter.
            await audit.RecordAsync(Audit.UserAudit.Row(created ? ClinicCms.Content.Audit.AuditEvents.UserCreated : ClinicCms.Content.Audit.AuditEvents.UserChanged,
                user, planned.Roles, $"by recipe{(planned.Password is not null || planned.PasswordHash is not null ? "; password set" : "")}"), cancellationToken);
        }
    }

    private static void Check(RecipeStepContext step, string path, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            step.Error(path, error.Description);
        }
    }
}
