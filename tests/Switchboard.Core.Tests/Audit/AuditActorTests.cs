using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Audit;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Tests.Audit;

public sealed class AuditActorTests
{
    [Fact]
    public void For_NamesTheBootstrapKeyAKeyOfNoUserAndUsers_Unambiguously()
    {
        Assert.Equal("admin", AuditActor.For(CallerIdentity.SystemAdmin));
        Assert.Equal("key:12", AuditActor.For(new CallerIdentity(SystemUser.Id, 12, Roles.Admin)));
        Assert.Equal("user:alice", AuditActor.For(new CallerIdentity("alice", 7, Roles.User)));
        Assert.Equal("user:alice", AuditActor.For(new CallerIdentity("alice", null, Roles.User)));
        // A user who picked the id "admin" never passes for the bootstrap key.
        Assert.Equal("user:admin", AuditActor.For(new CallerIdentity("admin", null, Roles.Admin)));
    }
}
