# __init_subclass__ and __set_name__ hooks.
class Plugin:
    plugins = []
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.plugins.append(cls.plugin_name)
class Alpha(Plugin):
    pass
class Beta(Plugin, name="the-beta"):
    pass
class Gamma(Beta):
    pass
print(Plugin.plugins, Beta.plugin_name, Gamma.plugin_name)
class Field:
    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return f"<field {self.name} of {self.owner}>"
class Model:
    title = Field()
    body = Field()
print(Model().title, Model().body, Model.title.name)
